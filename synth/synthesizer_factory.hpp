#pragma once
// Synthesizers by name. `builtin` is registered here; another synthesizer is
// added with register_synthesizer before the stage runs, e.g. at start-up of
// the command that offers it:
//
//   kq::synth::register_synthesizer("openai", [](const kq::synth::FactoryContext& c) {
//     return kq::llm::OpenAISynthesizer::from_config(c.config);
//   });
//
// `auto` is not a synthesizer but a policy of the stage (builtin first, then
// the model for what builtin cannot shape or fails to verify).
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "synth/synthesizer.hpp"
#include "verifier/verifier.hpp"

namespace kq::synth {

struct FactoryContext {
  const Config& config;
  std::filesystem::path cache_dir;
  verify::VerifierOptions verifier;
};

using SynthesizerFactory = std::function<std::unique_ptr<Synthesizer>(const FactoryContext&)>;

// Later registrations under the same name replace earlier ones.
void register_synthesizer(const std::string& name, SynthesizerFactory factory);
bool has_synthesizer(const std::string& name);
std::vector<std::string> synthesizer_names();

// Throws kq::UsageError naming the known synthesizers when `name` is unknown.
std::unique_ptr<Synthesizer> make_synthesizer(const std::string& name, const FactoryContext& context);

}  // namespace kq::synth
