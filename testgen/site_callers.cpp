#include "testgen/site_callers.hpp"

#include "core/text.hpp"
#include "testgen/site_locals.hpp"

namespace kq::testgen {

std::string caller_bindings(const LaunchSite& site, const SiteCaller& caller) {
  auto caller_locals = read_site_locals(caller.context);
  std::string out;
  for (std::size_t i = 0; i < caller.args.size() && i < site.function_params.size(); ++i) {
    const std::string& param = site.function_params[i];
    std::string arg = trim(caller.args[i]);
    // An unnamed parameter binds nothing; one passed under its own name is
    // already the caller's variable of that name.
    if (param.empty() || arg.empty() || arg == param) continue;
    if (caller_locals.dims.count(arg)) out += "dim3 " + param + " = " + arg + ";\n";
    else out += "auto " + param + " = (" + arg + ");\n";
  }
  return out;
}

std::vector<LaunchSite> lift_through_callers(const LaunchSite& site) {
  std::vector<LaunchSite> out;
  for (const auto& caller : site.callers) {
    if (caller.args.size() > site.function_params.size()) continue;  // another overload
    LaunchSite lifted = site;
    lifted.callers.clear();
    lifted.through_caller = true;
    lifted.context = caller.context + ";\n" + caller_bindings(site, caller) + site.context;
    out.push_back(std::move(lifted));
  }
  return out;
}

}  // namespace kq::testgen
