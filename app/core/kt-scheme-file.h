/* kt-scheme-file.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "core/kt-quote.h"
#include "core/kt-scheme.h"

G_BEGIN_DECLS

/* A shop's whole programme as read from a scheme file: its schemes and the
 * quote settings, owning everything KtQuoteSettings only points to.
 */
typedef struct
{
  GPtrArray  *schemes;        /* of KtScheme, in file order */
  KtCombine   combine;
  gint64      cap_bp;         /* 0: no cap */
  GArray     *limits;         /* of KtCategoryLimit, categories owned */
} KtProgramme;

KtProgramme *kt_programme_new           (void);
void         kt_programme_free          (KtProgramme            *programme);
void         kt_programme_add_limit     (KtProgramme            *programme,
                                         const char             *category,
                                         gint64                  max_bp);
void         kt_programme_get_settings  (const KtProgramme      *programme,
                                         KtQuoteSettings        *out_settings);

/* Parses the text of a scheme file. On any problem it returns NULL with a
 * KT_ERROR_INVALID error that starts with the line number.
 */
KtProgramme *kt_scheme_file_parse       (const char             *data,
                                         gssize                  length,
                                         GError                **error);
/* The text of a scheme file, or NULL when a scheme is not valid or a name
 * cannot be written in one. */
char        *kt_scheme_file_to_data     (KtScheme *const        *schemes,
                                         guint                   n_schemes,
                                         const KtQuoteSettings  *settings,
                                         GError                **error);
KtProgramme *kt_scheme_file_load        (const char             *path,
                                         GError                **error);
gboolean     kt_scheme_file_save        (const char             *path,
                                         KtScheme *const        *schemes,
                                         guint                   n_schemes,
                                         const KtQuoteSettings  *settings,
                                         GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtProgramme, kt_programme_free)

G_END_DECLS
