/* kt-card-preview.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core/kt-card-design.h"

G_BEGIN_DECLS

#define KT_TYPE_CARD_PREVIEW (kt_card_preview_get_type ())
G_DECLARE_FINAL_TYPE (KtCardPreview, kt_card_preview, KT, CARD_PREVIEW, GtkDrawingArea)

GtkWidget  *kt_card_preview_new            (void);
/* The design drawn; not copied: it must outlive the preview or be
 * replaced. Call kt_card_preview_changed() after changing it. */
void        kt_card_preview_set_design     (KtCardPreview      *self,
                                            const KtCardDesign *design);
void        kt_card_preview_set_side       (KtCardPreview      *self,
                                            KtCardSide          side);
KtCardSide  kt_card_preview_get_side       (KtCardPreview      *self);
void        kt_card_preview_set_shop_name  (KtCardPreview      *self,
                                            const char         *shop_name);
/* The field (index into the design's fields) drawn as selected, or -1. */
void        kt_card_preview_set_selected   (KtCardPreview      *self,
                                            int                 field);
void        kt_card_preview_changed        (KtCardPreview      *self);
/* The field on this side under a point of the widget, or -1. */
int         kt_card_preview_field_at       (KtCardPreview      *self,
                                            double              x,
                                            double              y);

G_END_DECLS
