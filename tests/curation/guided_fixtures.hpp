#pragma once
// Kernels for the tests of struct parameters, member kernels and
// mutation-guided cases, as the upstream stages leave them.
#include "tests/support/curation_fixture.hpp"

namespace kq::test {

// Euler step over an array of `Particle` structs (a struct-typed buffer).
FixtureKernel particle_step_fixture();
// Moves every Vec3 of an array by a Vec3 passed by value (a struct scalar).
FixtureKernel shift_points_fixture();
// A HIP kernel that is a static member of a struct.
FixtureKernel member_kernel_fixture();
// Counts x[i] > threshold; its cases use a threshold no input reaches, so the
// `i < n` off-by-one mutant survives them.
FixtureKernel count_above_fixture();
// Doubles each element three times in a loop `s < 8; s <<= 1`: shortening the
// bound to 7 changes nothing (an equivalent mutant).
FixtureKernel pow2_loop_fixture();

}  // namespace kq::test
