// A task states the tolerance its cases compare with and, where one was
// widened from the spread across thread schedules, why.
#include <gtest/gtest.h>

#include "curation/task_record.hpp"

namespace kq::curation {
namespace {

LaunchSpec case_with(const std::string& name, double rtol, double atol, const std::string& basis) {
  LaunchSpec s;
  s.name = name;
  s.kernel = "dot_atomic";
  s.compare = {rtol, atol, basis};
  return s;
}

db::VerificationRow passed_on(const std::string& backend, const std::string& case_name) {
  db::VerificationRow r;
  r.backend = backend;
  r.status = "pass";
  r.stage = "run";
  r.case_name = case_name;
  return r;
}

TEST(ToleranceRecord, WidenedToleranceIsStatedWithItsBasis) {
  std::vector<LaunchSpec> cases = {case_with("typical", 1e-4, 1e-5, ""),
                                   case_with("large", 1e-4, 3.2e-3, "order of floating-point accumulation: large"),
                                   case_with("ragged", 1e-4, 4e-4, "order of floating-point accumulation: ragged")};
  auto v = verification_block({passed_on("cpu-sim", "typical")}, cases, RecordOptions{});
  EXPECT_DOUBLE_EQ(v["atol"].get<double>(), 3.2e-3);
  EXPECT_DOUBLE_EQ(v["rtol"].get<double>(), 1e-4);
  EXPECT_EQ(v["tolerance_basis"], "order of floating-point accumulation: large");
}

TEST(ToleranceRecord, DefaultTolerancesCarryNoBasis) {
  auto v = verification_block({passed_on("cpu-sim", "typical")}, {case_with("typical", 1e-5, 1e-6, "")}, RecordOptions{});
  EXPECT_FALSE(v.contains("tolerance_basis"));
}

TEST(ToleranceRecord, BasisSurvivesTheLaunchSpecJson) {
  auto spec = case_with("typical", 0, 2e-3, "order of floating-point accumulation: 8 thread schedules");
  spec.grid = {1, 1, 1};
  spec.block = {32, 1, 1};
  auto back = launch_spec_from_json(launch_spec_to_json(spec));
  EXPECT_EQ(back.compare.basis, spec.compare.basis);
  EXPECT_DOUBLE_EQ(back.compare.atol, 2e-3);
  auto plain = launch_spec_to_json(case_with("typical", 1e-5, 1e-6, ""));
  EXPECT_FALSE(plain["compare"].contains("basis"));
}

}  // namespace
}  // namespace kq::curation
