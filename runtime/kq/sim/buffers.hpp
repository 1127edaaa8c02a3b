#pragma once
// Device allocations: each is its own heap block (posix_memalign, 256-byte
// aligned like cudaMalloc), so AddressSanitizer puts redzones around each
// buffer and catches a kernel that reads or writes past one. The registry
// remembers size and a name the wrapper gives, so an ASan report can say
// which buffer was overrun.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <map>
#include <mutex>
#include <string>

namespace kq::sim {

struct BufferInfo {
  std::size_t bytes = 0;
  std::string name;
};

class BufferRegistry {
 public:
  static BufferRegistry& instance() {
    static BufferRegistry* registry = new BufferRegistry;  // outlives static destructors
    return *registry;
  }

  void* allocate(std::size_t bytes) {
    void* p = nullptr;
    if (::posix_memalign(&p, 256, bytes ? bytes : 1) != 0) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    buffers_[reinterpret_cast<std::uintptr_t>(p)] = BufferInfo{bytes, std::string()};
    return p;
  }

  bool release(void* p) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (buffers_.erase(reinterpret_cast<std::uintptr_t>(p)) == 0) return false;
    }
    std::free(p);
    return true;
  }

  bool contains(const void* p) {
    std::lock_guard<std::mutex> lock(mutex_);
    return buffers_.count(reinterpret_cast<std::uintptr_t>(p)) != 0;
  }

  void name(const void* p, const char* name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = buffers_.find(reinterpret_cast<std::uintptr_t>(p));
    if (it != buffers_.end()) it->second.name = name;
  }

  // The buffer an address belongs to or lies just outside of (within `slack`
  // bytes past its end or before its start). Called from the ASan report
  // path, so it only tries the lock. Returns false when nothing matches.
  bool find_near(std::uintptr_t address, std::size_t slack, std::string& name_out, std::uintptr_t& base_out,
                 std::size_t& bytes_out) {
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || buffers_.empty()) return false;
    auto after = buffers_.upper_bound(address);
    std::uintptr_t best_distance = ~std::uintptr_t{0};
    const BufferInfo* best = nullptr;
    std::uintptr_t best_base = 0;
    if (after != buffers_.begin()) {  // buffer at or below the address
      auto below = std::prev(after);
      const std::uintptr_t end = below->first + below->second.bytes;
      const std::uintptr_t d = address < end ? 0 : address - end;
      if (d <= slack) best_distance = d, best = &below->second, best_base = below->first;
    }
    if (after != buffers_.end()) {  // buffer above the address (underflow)
      const std::uintptr_t d = after->first - address;
      if (d <= slack && d < best_distance) best = &after->second, best_base = after->first;
    }
    if (!best) return false;
    name_out = best->name;
    base_out = best_base;
    bytes_out = best->bytes;
    return true;
  }

 private:
  std::mutex mutex_;
  std::map<std::uintptr_t, BufferInfo> buffers_;
};

// Gives a device buffer the name reports use (the launch spec's argument name).
inline void name_buffer(const void* device_ptr, const char* name) { BufferRegistry::instance().name(device_ptr, name); }

}  // namespace kq::sim
