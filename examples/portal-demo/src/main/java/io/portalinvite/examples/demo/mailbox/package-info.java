/** The development mailbox: the in-process SMTP server, the recording SMS sender and the page that shows what was sent. */
@NullMarked
package io.portalinvite.examples.demo.mailbox;

import org.jspecify.annotations.NullMarked;
