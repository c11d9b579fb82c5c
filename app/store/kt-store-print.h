/* kt-store-print.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing cards: the shop's card designs, its batches of cards, what a
 * print job puts on each card, and the record of what was printed.
 */

#pragma once

#include <glib.h>

#include "core/kt-card-design.h"
#include "store/kt-store.h"

G_BEGIN_DECLS

/* ---- designs ------------------------------------------------------------ */

/* Every design, by name (element: KtCardDesign, images included). A
 * register without designs gets the default one ("Standard") the first
 * time it asks, so there is always one to print with. */
GPtrArray    *kt_store_card_designs        (KtStore             *store,
                                            GError             **error);
KtCardDesign *kt_store_card_design_get     (KtStore             *store,
                                            gint64               design_id,
                                            GError             **error);
/* By name, compared without regard to case; NULL: the first design by
 * name. KT_ERROR_NOT_FOUND when there is none of that name. */
KtCardDesign *kt_store_card_design_find    (KtStore             *store,
                                            const char          *name,
                                            GError             **error);
/* Adds (design->id == 0; the id is set) or saves a design. Validates it;
 * names are unique without regard to case. */
gboolean      kt_store_card_design_save    (KtStore             *store,
                                            KtCardDesign        *design,
                                            GError             **error);
/* Removes a design; batches and print records keep its name. Refuses the
 * last design. */
gboolean      kt_store_card_design_delete  (KtStore             *store,
                                            gint64               design_id,
                                            GError             **error);

/* ---- batches ------------------------------------------------------------ */

typedef struct
{
  gint64   id;
  char    *created;          /* YYYY-MM-DD HH:MM:SS */
  guint    count;
  guint    assigned;         /* cards of it handed to members so far */
  char    *note;
  char    *first_number;
  char    *last_number;
  char    *design_name;      /* the design it was last printed with, or NULL */
  char    *printed;          /* when it was last printed, or NULL: never */
} KtCardBatch;

void          kt_card_batch_free           (KtCardBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtCardBatch, kt_card_batch_free)

/* Newest first (element: KtCardBatch). */
GPtrArray    *kt_store_card_batches        (KtStore             *store,
                                            GError             **error);
KtCardBatch  *kt_store_card_batch_get      (KtStore             *store,
                                            gint64               batch_id,
                                            GError             **error);

/* ---- what goes on each card --------------------------------------------- */

/* One card to print: its number and what the design's fields show. */
typedef struct
{
  char        *number;
  KtSymbology  symbology;    /* of the number: EAN-13 or Code 128 */
  char        *member_name;  /* NULL on a blank card */
  char        *tier;         /* NULL when none */
  char        *date;         /* YYYY-MM-DD: issued, or for blanks the batch's day */
} KtCardFace;

void          kt_card_face_free            (KtCardFace *face);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtCardFace, kt_card_face_free)

/* The cards of a batch in number order, as blanks (element: KtCardFace). */
GPtrArray    *kt_store_card_faces_of_batch (KtStore             *store,
                                            gint64               batch_id,
                                            GError             **error);
/* The active cards of the members a search finds (kt_store_member_page
 * semantics, members without an active card skipped), at most `limit`,
 * with names and tiers (element: KtCardFace). */
GPtrArray    *kt_store_card_faces_of_members (KtStore           *store,
                                            const KtMemberQuery *query,
                                            guint                limit,
                                            GError             **error);
/* One card by number, with its member's name and tier when it has one. */
KtCardFace   *kt_store_card_face           (KtStore             *store,
                                            const char          *number,
                                            GError             **error);

/* ---- the record of printing --------------------------------------------- */

/* Records a print job: what (`batch_id` 0 when not a batch), with which
 * design, on which sheet layout ("cr80", "a4-10", "letter-10"), how many
 * cards. A batch remembers its last print and design. */
gboolean      kt_store_card_print_record   (KtStore             *store,
                                            gint64               batch_id,
                                            const KtCardDesign  *design,
                                            const char          *layout,
                                            guint                count,
                                            GError             **error);

G_END_DECLS
