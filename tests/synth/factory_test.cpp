#include <gtest/gtest.h>

#include "core/config.hpp"
#include "core/error.hpp"
#include "synth/builtin_search.hpp"
#include "synth/synth_stage.hpp"
#include "synth/synthesizer_factory.hpp"

namespace kq::synth {
namespace {

class Fixed : public Synthesizer {
 public:
  std::string name() const override { return "fixed"; }
  Synthesis synthesize(const KernelInput&, const std::optional<Feedback>&) override { return {}; }
};

TEST(Factory, BuiltinIsRegisteredAndUnknownNamesAreUsageErrors) {
  Config config;
  FactoryContext c{config, "/tmp", {}};
  EXPECT_TRUE(has_synthesizer("builtin"));
  EXPECT_EQ(make_synthesizer("builtin", c)->name(), "builtin");
  EXPECT_FALSE(make_synthesizer("builtin", c)->can_repair());
  EXPECT_THROW(make_synthesizer("no-such", c), UsageError);
  EXPECT_THROW(synthesizer_order("no-such"), UsageError);
}

TEST(Factory, RegisteredSynthesizersJoinTheAutoOrder) {
  register_synthesizer("fixed", [](const FactoryContext&) { return std::make_unique<Fixed>(); });
  Config config;
  EXPECT_EQ(make_synthesizer("fixed", FactoryContext{config, "/tmp", {}})->name(), "fixed");
  EXPECT_EQ(synthesizer_order("builtin"), std::vector<std::string>{"builtin"});
  EXPECT_EQ(synthesizer_order("auto").front(), "builtin");
}

TEST(Search, ReadsTheRuntimeBoundsReport) {
  auto r = parse_bounds_report(
      "==1==ERROR: AddressSanitizer: heap-buffer-overflow\n"
      "kq-sim: out-of-bounds access on buffer 'hist' in kernel 'histogram' (byte offset 1024 of 12)\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->buffer, "hist");
  EXPECT_EQ(r->offset_bytes, 1024);
  EXPECT_FALSE(parse_bounds_report("segmentation fault"));
  EXPECT_EQ(log_excerpt("noise\nkq-sim: out-of-bounds access on buffer 'x'"), "kq-sim: out-of-bounds access on buffer 'x'");
}

}  // namespace
}  // namespace kq::synth
