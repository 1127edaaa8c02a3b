#include <gtest/gtest.h>

#include <cstdlib>

#include "core/config.hpp"
#include "core/error.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

TEST(Config, PrecedenceIsDefaultFileEnvironmentFlag) {
  test::TempDir dir;
  test::write_text(dir / "kquarry.toml", "jobs = 3\n[llm]\nmodel = \"from-file\"\n");
  setenv("KQ_LLM_MODEL", "from-env", 1);
  auto c = Config::load(dir / "kquarry.toml", true);
  unsetenv("KQ_LLM_MODEL");
  EXPECT_EQ(c.get_int("jobs"), 3);
  EXPECT_EQ(c.entry("jobs").origin, ConfigOrigin::File);
  EXPECT_EQ(c.get("llm.model"), "from-env");
  EXPECT_EQ(c.entry("llm.model").source, "KQ_LLM_MODEL");
  c.set("llm.model", "from-flag", ConfigOrigin::CommandLine, "--set");
  EXPECT_EQ(c.get("llm.model"), "from-flag");
  EXPECT_EQ(c.entry("db").origin, ConfigOrigin::Default);
}

TEST(Config, UnknownKeyAndBadSyntaxNameTheFile) {
  test::TempDir dir;
  test::write_text(dir / "a.toml", "nonsense_key = 1\n");
  try {
    Config::load(dir / "a.toml", true);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("nonsense_key"), std::string::npos);
  }
  test::write_text(dir / "b.toml", "jobs = = 2\n");
  EXPECT_THROW(Config::load(dir / "b.toml", true), UsageError);
  EXPECT_THROW(Config::load(dir / "missing.toml", true), UsageError);
}

TEST(Config, ListsAndTypes) {
  Config c;
  c.set("verifier.backends", "cpu-sim, cuda", ConfigOrigin::CommandLine, "--backends");
  EXPECT_EQ(c.get_list("verifier.backends"), (std::vector<std::string>{"cpu-sim", "cuda"}));
  c.set("jobs", "x", ConfigOrigin::CommandLine, "--jobs");
  EXPECT_THROW(c.get_int("jobs"), UsageError);
}

}  // namespace
}  // namespace kq
