// Path-valued keys become absolute where they enter: relative to the file
// that set them, or to the current folder for flags and the environment; and
// the ecosystem's OPENAI_BASE_URL fills llm.base_url when nothing else does.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>

#include "core/config.hpp"
#include "core/paths.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;

// Changes the current folder for the lifetime of the object.
class InFolder {
 public:
  explicit InFolder(const fs::path& p) : before_(fs::current_path()) { fs::current_path(p); }
  ~InFolder() { fs::current_path(before_); }

 private:
  fs::path before_;
};

TEST(ConfigPaths, FlagsAndEnvironmentResolveAgainstTheCurrentFolder) {
  test::TempDir dir;
  InFolder in(dir.path());
  Config c;
  c.set("cache", "cache", ConfigOrigin::CommandLine, "--cache");
  c.set("db", "sub/../run.db", ConfigOrigin::CommandLine, "--db");
  setenv("KQ_LLM_RECORD_DIR", "rec", 1);
  c.apply_environment();
  unsetenv("KQ_LLM_RECORD_DIR");
  EXPECT_EQ(fs::path(c.get("cache")), fs::current_path() / "cache");
  EXPECT_EQ(fs::path(c.get("db")), fs::current_path() / "run.db");
  EXPECT_EQ(fs::path(c.get("llm.record_dir")), fs::current_path() / "rec");
  c.set("llm.model", "relative/looking", ConfigOrigin::CommandLine, "--set");
  EXPECT_EQ(c.get("llm.model"), "relative/looking") << "only path keys are resolved";
}

TEST(ConfigPaths, FileKeysResolveAgainstTheFilesFolder) {
  test::TempDir dir;
  test::write_text(dir / "conf/kquarry.toml", "cache = \"c\"\nlog_file = \"../logs/k.log\"\n[llm]\nprompts_dir = \"/abs/p\"\n");
  InFolder in(dir.path());
  auto c = Config::load("conf/kquarry.toml", true);
  EXPECT_EQ(fs::path(c.get("cache")), fs::current_path() / "conf/c");
  EXPECT_EQ(fs::path(c.get("log_file")), fs::current_path() / "logs/k.log");
  EXPECT_EQ(c.get("llm.prompts_dir"), "/abs/p");
}

TEST(ConfigPaths, AbsolutePathKeepsEmptyAndNormalizes) {
  EXPECT_EQ(absolute_path(""), fs::path());
  EXPECT_EQ(absolute_path("/a/b/../c"), fs::path("/a/c"));
  EXPECT_EQ(absolute_path("x", "/base"), fs::path("/base/x"));
}

TEST(ConfigPaths, OpenAiBaseUrlIsAFallbackOnly) {
  setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1", 1);
  Config plain;
  plain.apply_environment();
  EXPECT_EQ(plain.get("llm.base_url"), "http://127.0.0.1:9/v1");
  EXPECT_EQ(plain.entry("llm.base_url").source, "OPENAI_BASE_URL");
  setenv("KQ_LLM_BASE_URL", "http://127.0.0.1:10/v1", 1);
  Config ours;
  ours.apply_environment();
  EXPECT_EQ(ours.get("llm.base_url"), "http://127.0.0.1:10/v1") << "KQ_LLM_BASE_URL outranks OPENAI_BASE_URL";
  unsetenv("KQ_LLM_BASE_URL");
  test::TempDir dir;
  test::write_text(dir / "k.toml", "[llm]\nbase_url = \"http://127.0.0.1:11/v1\"\n");
  auto filed = Config::load(dir / "k.toml", true);
  EXPECT_EQ(filed.get("llm.base_url"), "http://127.0.0.1:11/v1") << "a configured value outranks OPENAI_BASE_URL";
  unsetenv("OPENAI_BASE_URL");
  EXPECT_EQ(Config().get("llm.api_key_env"), "OPENAI_API_KEY");
}

}  // namespace
}  // namespace kq
