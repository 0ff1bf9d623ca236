/** The starter's pages in a real servlet container, spoken to in raw HTTP as an attacker would. */
@NullMarked
package io.portalinvite.spring.boot.web;

import org.jspecify.annotations.NullMarked;
