/** JMH benchmarks of the library's hot paths, each beside a baseline measured in the same run. */
@NullMarked
package io.portalinvite.benchmarks;

import org.jspecify.annotations.NullMarked;
