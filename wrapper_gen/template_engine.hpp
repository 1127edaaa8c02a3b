#pragma once
// The small template language of the host wrappers (templates are files under
// wrapper_gen/templates/, filled from a JSON context):
//
//   {{name}}            value of a key, looked up from the innermost section
//                       outwards (dotted paths: {{launch.grid}}); strings as is
//   {{#key}}...{{/key}} repeated for each element of an array (the element is
//                       the new context), once for true or an object, skipped
//                       for false, null, "", 0 and []
//   {{^key}}...{{/key}} rendered only when {{#key}} would be skipped
//   {{.}}               the current element itself
//   {{! comment }}      dropped
//
// A line holding only section tags or a comment disappears with its newline, so
// templates can be laid out like the code they produce.
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kq::wrapper_gen {

// Renders `text`; throws kq::Error naming `name` on an unbalanced section or a
// key that is missing from every context (a typo must not render silently).
std::string render_template(std::string_view text, const nlohmann::json& context,
                            std::string_view name = "template");

// Reads wrapper_gen/templates/<file> from the source tree and renders it.
std::string render_template_file(const std::string& file, const nlohmann::json& context);

std::filesystem::path templates_dir();

}  // namespace kq::wrapper_gen
