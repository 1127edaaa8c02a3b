#pragma once
// Named points where a test may cut the process off, as a power cut or a
// `kill -9` would: with KQ_TEST_KILL_AT="NAME:N" in the environment, the Nth
// arrival at crash_point("NAME") in this process kills it with SIGKILL. The
// crash-safety test uses it to stop a run inside a database transaction and
// between the files of a release; unset, it costs one comparison.
#include <string_view>

namespace kq {

void crash_point(std::string_view name);

}  // namespace kq
