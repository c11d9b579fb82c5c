/* kt-error.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KT_ERROR (kt_error_quark ())

/* One error domain for the whole library. Messages are translated and meant
 * for the user as they are: the GUI shows them, the CLI prints them.
 */
typedef enum
{
  KT_ERROR_INVALID = 1,   /* bad input: wrong card number, absurd amount, ... */
  KT_ERROR_NOT_FOUND,     /* no such member, card, purchase */
  KT_ERROR_CONFLICT,      /* duplicate card number, second active card, ... */
  KT_ERROR_STATE,         /* the thing exists but cannot do this now (blocked card) */
  KT_ERROR_DATABASE,      /* SQLite failed */
  KT_ERROR_BUSY,          /* the database is locked by another program */
  KT_ERROR_CORRUPT,       /* not a database, or a damaged one */
  KT_ERROR_TOO_NEW,       /* written by a newer Kartoteka */
} KtError;

GQuark kt_error_quark (void);

G_END_DECLS
