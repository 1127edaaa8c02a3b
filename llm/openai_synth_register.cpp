// Registers the `openai` synthesizer with the synthesis stage's factory; kept
// apart so the synthesizer itself does not depend on the stage.
#include "llm/openai_synth.hpp"
#include "synth/synthesizer_factory.hpp"

namespace kq::llm {

void register_openai_synthesizer() {
  synth::register_synthesizer("openai", [](const synth::FactoryContext& c) {
    return OpenAISynthesizer::from_config(c.config);
  });
}

}  // namespace kq::llm
