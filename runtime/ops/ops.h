// Everything the tensor library offers, in one include.
#pragma once

#include "runtime/ops/binary.h"
#include "runtime/ops/conditional.h"
#include "runtime/ops/copy.h"
#include "runtime/ops/creation.h"
#include "runtime/ops/index.h"
#include "runtime/ops/join.h"
#include "runtime/ops/linalg.h"
#include "runtime/ops/reduce.h"
#include "runtime/ops/sort.h"
#include "runtime/ops/unary.h"
#include "runtime/ops/view.h"
#include "runtime/tensor/error.h"
#include "runtime/tensor/overlap.h"
#include "runtime/tensor/shape_util.h"
#include "runtime/tensor/tensor.h"
#include "runtime/tensor/type_promotion.h"
