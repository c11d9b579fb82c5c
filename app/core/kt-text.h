/* kt-text.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Folding for sorting and search. SQLite's lower() and LIKE fold ASCII only,
 * so names in Cyrillic or with Hungarian accents are folded here, once, and
 * the folded copy is what gets indexed.
 *
 * kt_text_fold():   case-folded, accents removed ("Szabó Ödön" -> "szabo odon"),
 *                   whitespace collapsed; a sort key for names.
 * kt_text_search_tokens(): the folded words of every given string, joined by
 *                   single spaces, each word a maximal run of letters and
 *                   digits; what search matches word prefixes against.
 *                   The array ends at its first NULL: pass "" for an
 *                   empty field.
 * kt_text_query_tokens(): the folded words of what the user typed, at most
 *                   KT_TEXT_MAX_QUERY_TOKENS of them.
 */

#define KT_TEXT_MAX_QUERY_TOKENS 8

char      *kt_text_fold            (const char        *text);
char      *kt_text_search_tokens   (const char *const *fields);
GStrv      kt_text_query_tokens    (const char        *query);
gboolean   kt_text_tokens_match    (const char        *search_tokens,
                                    const char *const *query_tokens);
char      *kt_text_strip           (const char        *text);

/* What the user typed, safe to quote in an error message: valid UTF-8, and
 * cut to max_chars characters with an ellipsis. */
char      *kt_text_for_message     (const char        *text,
                                    guint              max_chars);

G_END_DECLS
