/* kt-barcode.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "core/kt-card-number.h"

G_BEGIN_DECLS

/* Draws `number` as a barcode of `symbology` (EAN-13, Code 128 or QR) from
 * libzint's vector output, centred in the box (x, y, width, height) given
 * in the cairo context's current user units, which must be millimetres.
 * A number that is not a valid EAN-13 (13 digits, right check digit) is
 * drawn as Code 128 when EAN-13 is asked for. The whole box gets a white
 * background, which includes the symbology's quiet zones (EAN-13: 11
 * modules left, 7 right; Code 128: 10 each side; QR: 4 all round); bars
 * are black. The symbol is scaled to the largest size that fits (EAN-13 at
 * most 200 % of its nominal 0.33 mm module), and refused (FALSE,
 * KT_ERROR_INVALID) when that would make a module narrower than the
 * minimum below or linear bars lower than KT_BARCODE_MIN_HEIGHT_MM.
 * Human-readable digits are not drawn here (the design's number field
 * shows them).
 *
 * Minimum module widths: EAN-13 keeps to GS1's smallest magnification,
 * 80 % of 0.33 mm = 0.264 mm, because till scanners are tuned to GS1
 * symbols. Code 128 and QR go down to 0.25 mm: three dots of a 300 dpi
 * card printer (Evolis, Zebra; 0.254 mm), so a dot of ink spread or loss
 * changes a module by a third, which decoders tolerate; at two dots
 * (0.17 mm) it would be half a module, and bars merge. */
#define KT_BARCODE_MIN_MODULE_MM        0.25
#define KT_BARCODE_MIN_EAN13_MODULE_MM  0.264
#define KT_BARCODE_MIN_HEIGHT_MM        5.0

gboolean  kt_barcode_draw (cairo_t      *cr,
                           KtSymbology   symbology,
                           const char   *number,
                           double        x,
                           double        y,
                           double        width,
                           double        height,
                           GError      **error);

G_END_DECLS
