/**
 * Portal accounts (login identities with an Argon2id password hash), the patients each account may
 * act for, and the login flow with its throttling.
 */
@NullMarked
package io.portalinvite.account;

import org.jspecify.annotations.NullMarked;
