/* kt-render-cache.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What drawing cards needs again and again, made once per thread: the
 * Pango context, parsed fonts, decoded images and set text. Private to
 * app/output.
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "core/kt-card-design.h"

G_BEGIN_DECLS

/* A Pango context whose user unit is the millimetre: font sizes in points
 * come out at their printed size. Hinting is off, so text measures the
 * same on screen, in a PDF and on paper, and a layout set once can be
 * drawn on any context. Owned by the calling thread. */
PangoContext                *kt_render_cache_context (void);

/* `font` parsed as a Pango font description; owned by the cache. */
const PangoFontDescription  *kt_render_cache_font    (const char        *font);

/* The image decoded (PNG) or recorded (SVG) as a cairo surface, and its
 * natural size in any unit (only the aspect ratio matters). NULL when the
 * bytes are not an image this build can draw. Owned by the cache; valid
 * until the next call. Repeated calls with the same bytes return the same
 * surface, so a PDF embeds it once. */
cairo_surface_t             *kt_render_cache_image   (const KtCardImage *image,
                                                      double            *out_width,
                                                      double            *out_height);

/* Text set in a box: the layout and where its origin goes in the box. */
typedef struct
{
  PangoLayout *layout;
  double       dx;
  double       dy;
} KtRenderText;

/* A text set earlier under `key`, or NULL. */
const KtRenderText          *kt_render_cache_text_lookup (const char   *key);
/* Keeps `layout` (the cache takes it) and its offsets under `key` and
 * returns them. Both results are valid until the next insert. */
const KtRenderText          *kt_render_cache_text_insert (const char   *key,
                                                          PangoLayout  *layout,
                                                          double        dx,
                                                          double        dy);

G_END_DECLS
