// Precompiled header: the heavy libtorch headers every source file needs.
#pragma once
#include <ATen/ATen.h>
// c10::optional / c10::nullopt: libtorch 1.13's own optional; in 2.x aliases of std::optional in
// c10/util/Optional.h, which newer ATen headers no longer include themselves.
#if __has_include(<c10/util/Optional.h>)
#include <c10/util/Optional.h>
#else
#include <optional>
namespace c10 {
using std::nullopt;
using std::optional;
}  // namespace c10
#endif
#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/variable.h>
#include <torch/csrc/autograd/functions/accumulate_grad.h>
#include <torch/csrc/jit/serialization/pickle.h>
#include <ATen/Parallel.h>
#include <torch/version.h>
