/** The starter's patient pages in a real headless Chromium, with axe-core's accessibility checks. */
@NullMarked
package io.portalinvite.spring.boot.browser;

import org.jspecify.annotations.NullMarked;
