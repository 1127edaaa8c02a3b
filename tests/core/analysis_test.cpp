// The analysis contract: typed features and extractor details, stored under
// the JSON names earlier databases used.
#include <gtest/gtest.h>

#include "core/analysis.hpp"

namespace kq {
namespace {

TEST(Analysis, EveryFeatureNameRoundTrips) {
  for (Feature f : all_features()) {
    auto back = feature_from_name(feature_name(f));
    ASSERT_TRUE(back.has_value()) << feature_name(f);
    EXPECT_EQ(*back, f);
  }
  EXPECT_EQ(feature_name(Feature::template_kernel), "template");
  EXPECT_FALSE(feature_from_name("no_such_feature").has_value());
}

TEST(Analysis, LoadsTheStoredShapeOfEarlierDatabases) {
  auto j = nlohmann::json::parse(R"({
    "params": [{"name": "idx", "type": "const int *", "elem_type": "int", "is_pointer": true}],
    "index_pattern": "1d",
    "features": {"shared_static": true, "atomics": false, "template": true, "future_thing": true},
    "extra": {"cxx_std": "c++17", "device_runtime": true, "index_buffers": ["idx"],
              "index_buffer": {"idx": "src"}, "body_expanded": "int i = 0;"}})");
  KernelAnalysis a = analysis_from_json(j);
  EXPECT_TRUE(a.has(Feature::shared_static));
  EXPECT_FALSE(a.has(Feature::atomics)) << "false entries are not features";
  EXPECT_TRUE(a.has(Feature::template_kernel));
  EXPECT_EQ(a.features.size(), 2u) << "unknown names are dropped";
  EXPECT_EQ(a.cxx_std, "c++17");
  EXPECT_TRUE(a.device_runtime);
  ASSERT_EQ(a.index_buffers.size(), 1u) << "both spellings merge into one entry";
  EXPECT_EQ(a.index_buffers[0].param, "idx");
  EXPECT_EQ(a.index_buffers[0].target, "src");
  EXPECT_EQ(a.body_expanded, "int i = 0;");
}

TEST(Analysis, WritesTheSameNamesItReads) {
  KernelAnalysis a;
  a.set(Feature::warp);
  a.set(Feature::template_kernel);
  a.cxx_std = "c++20";
  a.add_index_buffer("perm", "x");
  a.add_index_buffer("perm");  // a second sighting keeps the known target
  a.body_expanded = "y[i] = x[perm[i]];";
  a.assumptions = {"#define TILE 16: used as a shared array bound"};
  nlohmann::json j = analysis_to_json(a);
  EXPECT_EQ(j["features"], nlohmann::json({{"template", true}, {"warp", true}}));
  EXPECT_EQ(j["extra"]["cxx_std"], "c++20");
  EXPECT_FALSE(j["extra"].contains("device_runtime")) << "defaults are not written";
  EXPECT_EQ(j["extra"]["index_buffers"], nlohmann::json::parse(R"([{"param":"perm","target":"x"}])"));
  KernelAnalysis back = analysis_from_json(j);
  EXPECT_EQ(back.features, a.features);
  EXPECT_EQ(back.index_buffers, a.index_buffers);
  EXPECT_EQ(back.body_expanded, a.body_expanded);
  EXPECT_EQ(back.assumptions, a.assumptions);
}

}  // namespace
}  // namespace kq
