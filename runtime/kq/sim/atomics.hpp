#pragma once
// Device atomics on global and shared memory. Blocks run on several OS
// threads, so these are real atomic read-modify-writes (GCC __atomic
// builtins); floating-point and the wrap-around forms use a CAS loop.
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace kq::sim::detail {

template <class T>
struct no_deduce {
  using type = T;
};
template <class T>
using no_deduce_t = typename no_deduce<T>::type;

// Generic compare-and-swap loop on the value's bytes: new = f(old).
template <class T, class F>
T atomic_update(T* address, F f) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8 || sizeof(T) == 2, "atomic on an unsupported size");
  using Bits = std::conditional_t<sizeof(T) == 8, std::uint64_t,
                                  std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint16_t>>;
  Bits* word = reinterpret_cast<Bits*>(address);
  Bits expected = __atomic_load_n(word, __ATOMIC_RELAXED);
  for (;;) {
    T old;
    std::memcpy(&old, &expected, sizeof old);
    const T updated = f(old);
    Bits desired;
    std::memcpy(&desired, &updated, sizeof desired);
    if (__atomic_compare_exchange_n(word, &expected, desired, true, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) return old;
  }
}

}  // namespace kq::sim::detail

template <class T>
inline T atomicAdd(T* address, ::kq::sim::detail::no_deduce_t<T> val) {
  if constexpr (std::is_integral<T>::value)
    return __atomic_fetch_add(address, val, __ATOMIC_SEQ_CST);
  else
    return ::kq::sim::detail::atomic_update(address, [val](T old) { return static_cast<T>(old + val); });
}
template <class T>
inline T atomicSub(T* address, ::kq::sim::detail::no_deduce_t<T> val) {
  if constexpr (std::is_integral<T>::value)
    return __atomic_fetch_sub(address, val, __ATOMIC_SEQ_CST);
  else
    return ::kq::sim::detail::atomic_update(address, [val](T old) { return static_cast<T>(old - val); });
}
template <class T>
inline T atomicExch(T* address, ::kq::sim::detail::no_deduce_t<T> val) {
  return ::kq::sim::detail::atomic_update(address, [val](T) { return val; });
}
template <class T>
inline T atomicMax(T* address, ::kq::sim::detail::no_deduce_t<T> val) {
  return ::kq::sim::detail::atomic_update(address, [val](T old) { return old < val ? val : old; });
}
template <class T>
inline T atomicMin(T* address, ::kq::sim::detail::no_deduce_t<T> val) {
  return ::kq::sim::detail::atomic_update(address, [val](T old) { return val < old ? val : old; });
}
template <class T>
inline T atomicCAS(T* address, ::kq::sim::detail::no_deduce_t<T> compare, ::kq::sim::detail::no_deduce_t<T> val) {
  T expected = compare;
  __atomic_compare_exchange_n(address, &expected, val, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return expected;
}
template <class T>
inline T atomicAnd(T* address, ::kq::sim::detail::no_deduce_t<T> val) {
  return __atomic_fetch_and(address, val, __ATOMIC_SEQ_CST);
}
template <class T>
inline T atomicOr(T* address, ::kq::sim::detail::no_deduce_t<T> val) {
  return __atomic_fetch_or(address, val, __ATOMIC_SEQ_CST);
}
template <class T>
inline T atomicXor(T* address, ::kq::sim::detail::no_deduce_t<T> val) {
  return __atomic_fetch_xor(address, val, __ATOMIC_SEQ_CST);
}
// ((old >= val) ? 0 : (old + 1)) and (((old == 0) || (old > val)) ? val : (old - 1)).
inline unsigned atomicInc(unsigned* address, unsigned val) {
  return ::kq::sim::detail::atomic_update(address, [val](unsigned old) { return old >= val ? 0u : old + 1u; });
}
inline unsigned atomicDec(unsigned* address, unsigned val) {
  return ::kq::sim::detail::atomic_update(address,
                                          [val](unsigned old) { return (old == 0 || old > val) ? val : old - 1u; });
}

// Scoped variants (_block, _system) behave as the device-wide ones here.
#define KQ_SIM_SCOPED_ATOMIC(name)                                                                  \
  template <class T, class... A>                                                                    \
  inline T name##_block(T* address, A... a) { return name(address, static_cast<T>(a)...); }        \
  template <class T, class... A>                                                                    \
  inline T name##_system(T* address, A... a) { return name(address, static_cast<T>(a)...); }
KQ_SIM_SCOPED_ATOMIC(atomicAdd)
KQ_SIM_SCOPED_ATOMIC(atomicSub)
KQ_SIM_SCOPED_ATOMIC(atomicExch)
KQ_SIM_SCOPED_ATOMIC(atomicMax)
KQ_SIM_SCOPED_ATOMIC(atomicMin)
KQ_SIM_SCOPED_ATOMIC(atomicCAS)
KQ_SIM_SCOPED_ATOMIC(atomicAnd)
KQ_SIM_SCOPED_ATOMIC(atomicOr)
KQ_SIM_SCOPED_ATOMIC(atomicXor)
#undef KQ_SIM_SCOPED_ATOMIC
