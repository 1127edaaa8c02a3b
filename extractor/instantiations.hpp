#pragma once
// Explicit instantiations (`template __global__ void k<float>(float*, int);`),
// found textually because libclang does not expose them, anywhere in the
// repository, and appended to the template kernel's unit.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kq::extractor {

// Unqualified template name -> instantiation statements as written.
std::multimap<std::string, std::string> find_explicit_instantiations(std::string_view text);

// The unit with the statements appended (inside the kernel's namespaces when
// a statement names the template without qualification).
std::string append_instantiations(const std::string& unit, const std::string& qualified_name,
                                  const std::vector<std::string>& statements);

}  // namespace kq::extractor
