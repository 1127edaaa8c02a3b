#include "synth/synthesizer_factory.hpp"

#include <map>
#include <mutex>

#include "core/error.hpp"
#include "synth/builtin_synth.hpp"

namespace kq::synth {
namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, SynthesizerFactory> factories;

  Registry() {
    factories["builtin"] = [](const FactoryContext& c) -> std::unique_ptr<Synthesizer> {
      BuiltinOptions o;
      o.verifier = c.verifier;
      o.work_dir = c.cache_dir / "synth-runs";
      return std::make_unique<BuiltinSynthesizer>(std::move(o));
    };
  }
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

void register_synthesizer(const std::string& name, SynthesizerFactory factory) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.factories[name] = std::move(factory);
}

bool has_synthesizer(const std::string& name) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  return r.factories.count(name) > 0;
}

std::vector<std::string> synthesizer_names() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<std::string> out;
  for (const auto& [n, f] : r.factories) out.push_back(n);
  return out;
}

std::unique_ptr<Synthesizer> make_synthesizer(const std::string& name, const FactoryContext& context) {
  SynthesizerFactory f;
  {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    auto it = r.factories.find(name);
    if (it == r.factories.end()) {
      std::string known;
      for (const auto& [n, g] : r.factories) known += (known.empty() ? "" : ", ") + n;
      throw UsageError("unknown synthesizer '" + name + "' (known: " + known + ", auto)");
    }
    f = it->second;
  }
  return f(context);
}

}  // namespace kq::synth
