/* kt-benchmark.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kt-window.h"

G_BEGIN_DECLS

void kt_benchmark_start (KtWindow *window,
                         gint64    started_at);

G_END_DECLS
