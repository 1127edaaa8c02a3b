// `kquarry backends [--json]`: what each backend can do on this machine
// (compiler and version, devices found) and how runs are sandboxed.
#include <CLI/CLI.hpp>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "verifier/verifier.hpp"

namespace kq::cli {
namespace {

int list_backends(Context& ctx) {
  auto options = verify::VerifierOptions::from_config(ctx.config, ctx.cache_dir());
  auto backends = verify::probe_backends(options);
  auto sandbox = verify::sandbox_description(options);
  if (ctx.opts.json) {
    nlohmann::json out{{"sandbox", sandbox}, {"backends", nlohmann::json::array()}};
    for (const auto& b : backends)
      out["backends"].push_back({{"name", b.name}, {"compile", b.can_compile}, {"run", b.can_run},
                                 {"compiler", b.compiler}, {"compiler_version", b.compiler_version},
                                 {"devices", b.devices}, {"note", b.note}});
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  for (const auto& b : backends) {
    std::cout << b.name << ": compile " << (b.can_compile ? "yes" : "no") << ", run " << (b.can_run ? "yes" : "no")
              << "\n";
    if (!b.compiler.empty()) std::cout << "    compiler: " << b.compiler << " (" << b.compiler_version << ")\n";
    for (const auto& d : b.devices) std::cout << "    device: " << d << "\n";
    if (!b.note.empty()) std::cout << "    note: " << b.note << "\n";
  }
  std::cout << "sandbox: " << sandbox << "\n";
  return 0;
}

}  // namespace

void add_backends_command(CLI::App& app, Context& ctx) {
  app.add_subcommand("backends", "List the verification backends, their compilers and devices, and the sandbox")
      ->callback([&ctx] { ctx.run = list_backends; });
}

}  // namespace kq::cli
