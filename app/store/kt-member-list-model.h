/* kt-member-list-model.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

/* One row of the member list: a KtMember in a GObject. While alive it
 * stays the item of its position; when the list's query changes it gets
 * the new row there and emits "changed" (no signal arguments). The member
 * it returns is valid until then. */
#define KT_TYPE_MEMBER_ITEM (kt_member_item_get_type ())
G_DECLARE_FINAL_TYPE (KtMemberItem, kt_member_item, KT, MEMBER_ITEM, GObject)

KtMemberItem   *kt_member_item_new        (KtMember     *member);
const KtMember *kt_member_item_get_member (KtMemberItem *self);
void            kt_member_item_set_member (KtMemberItem *self,
                                           KtMember     *member);

/* The register's members as a GListModel that reads pages of rows from
 * SQLite as they are asked for, so only what is on screen (and a few pages
 * around it) is ever in memory. Sorting and filtering happen in SQL.
 *
 * A new query (or a reload) keeps the items that are still referenced at
 * their places and fills them with the new rows, and announces only the
 * rows added or removed at the end: whoever keeps an item must watch its
 * "changed" signal, as the window's cells do. (Items kept on many pages,
 * or deep down, are replaced with the whole list instead.) */
#define KT_TYPE_MEMBER_LIST_MODEL (kt_member_list_model_get_type ())
G_DECLARE_FINAL_TYPE (KtMemberListModel, kt_member_list_model, KT, MEMBER_LIST_MODEL, GObject)

KtMemberListModel *kt_member_list_model_new       (KtStore           *store);
void               kt_member_list_model_set_query (KtMemberListModel *self,
                                                   const char        *text,
                                                   KtMemberSort       sort,
                                                   gboolean           descending);
const char        *kt_member_list_model_get_text  (KtMemberListModel *self);
/* Reads the rows again after a write (keeps the query). */
void               kt_member_list_model_reload    (KtMemberListModel *self);
/* Position of a member in the current list, or G_MAXUINT if not among the
 * rows read so far. */
guint              kt_member_list_model_find      (KtMemberListModel *self,
                                                   gint64             member_id);
guint              kt_member_list_model_get_cached_rows (KtMemberListModel *self);
guint              kt_member_list_model_get_pages_read  (KtMemberListModel *self);

G_END_DECLS
