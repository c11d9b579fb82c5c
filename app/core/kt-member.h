/* kt-member.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "core/kt-money.h"

G_BEGIN_DECLS

typedef enum
{
  KT_MEMBER_REGULAR = 0,
  KT_MEMBER_VIP = 1,
  KT_MEMBER_BLOCKED = 2,
} KtMemberStatus;

#define KT_MEMBER_STATUS_LAST KT_MEMBER_BLOCKED

/* A member as the register holds it. Strings are never NULL except
 * birth_date, consent_date and last_visit, which are NULL when unknown.
 * The counters (total_spent .. points) are kept by the store in the same
 * transaction as every purchase; the rest is the member's profile.
 */
typedef struct
{
  gint64          id;
  char           *name;
  char           *phone;
  char           *email;
  char           *birth_date;       /* YYYY-MM-DD or NULL */
  char           *notes;
  gboolean        consent;          /* marketing consent */
  char           *consent_date;     /* YYYY-MM-DD or NULL */
  gint64          referrer_id;      /* 0: nobody */
  char           *referrer_name;    /* filled by the store when read; may be NULL */
  KtMemberStatus  status;
  char           *joined;           /* YYYY-MM-DD */
  gboolean        archived;
  gboolean        erased;           /* personal data erased on request */

  char           *card;             /* the active card's number, "" if none */
  KtMoney         total_spent;      /* goods value after discount, all time */
  gint64          purchase_count;
  char           *last_visit;       /* YYYY-MM-DD HH:MM:SS or NULL */
  gint64          points;           /* equals the sum of the points ledger */
} KtMember;

KtMember       *kt_member_new                  (void);
KtMember       *kt_member_copy                 (const KtMember  *member);
void            kt_member_free                 (KtMember        *member);
void            kt_member_set_string           (char           **field,
                                                const char      *value);

const char     *kt_member_status_to_string     (KtMemberStatus   status);
gboolean        kt_member_status_from_string   (const char      *text,
                                                KtMemberStatus  *out_status);
const char     *kt_member_status_label         (KtMemberStatus   status);

char           *kt_phone_normalize             (const char      *phone);
gboolean        kt_member_validate             (KtMember        *member,
                                                const char      *today,
                                                GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtMember, kt_member_free)

G_END_DECLS
