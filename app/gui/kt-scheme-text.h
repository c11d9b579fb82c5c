/* kt-scheme-text.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "core/kt-scheme.h"

G_BEGIN_DECLS

/* How the Schemes view and the editor put a scheme into words, and read
 * the numbers a shop owner types into its fields. */

const char *kt_scheme_kind_label        (KtSchemeKind     kind);
const char *kt_scheme_kind_blurb        (KtSchemeKind     kind);
char       *kt_scheme_describe_validity (const KtScheme  *scheme,
                                         const char      *today);
char       *kt_scheme_describe_audience (const KtScheme  *scheme);
char       *kt_scheme_describe_rule     (const KtScheme  *scheme,
                                         const char      *currency);

/* "5", "2.5", "2,5 %" into basis points; empty text is 0. Refuses what is
 * not a percentage with at most two decimals, not what is over 100 %:
 * kt_scheme_validate() says that in the scheme's own words. */
gboolean    kt_percent_parse            (const char      *text,
                                         gint64          *out_bp,
                                         GError         **error);
/* "5", "2.5": the text a percentage field shows. */
char       *kt_percent_to_text          (gint64           bp);
/* A points multiplier "2" or "1.5" into basis points (20000, 15000);
 * empty text is 0 (none). */
gboolean    kt_multiplier_parse         (const char      *text,
                                         gint64          *out_bp,
                                         GError         **error);
char       *kt_multiplier_to_text       (gint64           bp);
/* A whole number of stamps or points; empty text is 0. */
gboolean    kt_whole_parse              (const char      *text,
                                         gint64          *out_value,
                                         GError         **error);

G_END_DECLS
