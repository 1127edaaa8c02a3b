#include <gtest/gtest.h>

#include "core/error.hpp"
#include "wrapper_gen/template_engine.hpp"

namespace kq::wrapper_gen {
namespace {

using nlohmann::json;

TEST(TemplateEngine, SubstitutesValuesAndDottedPaths) {
  json c{{"name", "x"}, {"n", 3}, {"launch", {{"grid", "4, 1, 1"}}}};
  EXPECT_EQ(render_template("{{name}}[{{n}}] grid({{launch.grid}})", c), "x[3] grid(4, 1, 1)");
}

TEST(TemplateEngine, RepeatsSectionsOverArraysAndLooksOutwards) {
  json c{{"prefix", "d_"}, {"items", json::array({{{"name", "a"}}, {{"name", "b"}}})}};
  EXPECT_EQ(render_template("{{#items}}{{prefix}}{{name}};{{/items}}", c), "d_a;d_b;");
  EXPECT_EQ(render_template("{{#list}}<{{.}}>{{/list}}", json{{"list", {1, 2}}}), "<1><2>");
}

TEST(TemplateEngine, InvertedSectionsAndFalsyValues) {
  json c{{"yes", true}, {"no", false}, {"empty", ""}, {"none", json::array()}};
  EXPECT_EQ(render_template("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}{{^empty}}E{{/empty}}{{^none}}0{{/none}}", c),
            "Y!NE0");
}

TEST(TemplateEngine, StandaloneTagLinesLeaveNoBlankLines) {
  json c{{"sim", false}, {"items", {1, 2}}};
  std::string t =
      "begin\n"
      "  {{! a comment line }}\n"
      "{{#sim}}\n"
      "  sim only\n"
      "{{/sim}}\n"
      "  {{#items}}\n"
      "  item {{.}}\n"
      "  {{/items}}\n"
      "end\n";
  EXPECT_EQ(render_template(t, c), "begin\n  item 1\n  item 2\nend\n");
}

TEST(TemplateEngine, MissingKeysAndUnbalancedSectionsAreErrors) {
  EXPECT_THROW(render_template("{{nope}}", json::object(), "t"), Error);
  EXPECT_THROW(render_template("{{#a}}x", json{{"a", true}}, "t"), Error);
  EXPECT_THROW(render_template("{{#a}}x{{/b}}", json{{"a", true}}, "t"), Error);
  try {
    render_template("{{#a}}x", json{{"a", true}}, "wrapper.tmpl");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("wrapper.tmpl"), std::string::npos);
  }
}

}  // namespace
}  // namespace kq::wrapper_gen
