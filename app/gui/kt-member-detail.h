/* kt-member-detail.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_MEMBER_DETAIL (kt_member_detail_get_type ())
G_DECLARE_FINAL_TYPE (KtMemberDetail, kt_member_detail, KT, MEMBER_DETAIL, AdwBin)

void            kt_member_detail_set_store      (KtMemberDetail  *self,
                                                 KtStore         *store);
gboolean        kt_member_detail_show_member    (KtMemberDetail  *self,
                                                 gint64           member_id,
                                                 GError         **error);
gboolean        kt_member_detail_reload         (KtMemberDetail  *self,
                                                 GError         **error);
void            kt_member_detail_clear          (KtMemberDetail  *self);
gint64          kt_member_detail_get_member_id  (KtMemberDetail  *self);
const KtMember *kt_member_detail_get_member     (KtMemberDetail  *self);
gboolean        kt_member_detail_has_active_card (KtMemberDetail *self);
const char     *kt_member_detail_get_title      (KtMemberDetail  *self);

G_END_DECLS
