/* kt-points-row.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store-till.h"

G_BEGIN_DECLS

/* A row of a member's points history: what happened, when, and the points
 * it added or took. */
GtkWidget *kt_points_row_new      (const KtPointsEntry *entry,
                                   const char          *today);
char      *kt_points_row_describe (const KtPointsEntry *entry);

G_END_DECLS
