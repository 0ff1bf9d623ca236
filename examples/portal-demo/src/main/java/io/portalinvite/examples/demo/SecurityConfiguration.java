package io.portalinvite.examples.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Spring Security for the demo's own pages. Everything under {@code /portal} (the invitation page,
 * the login form's POST, logout, {@code /portal/home}) belongs to the starter's own security chain,
 * which is ordered ahead of this one; the demo only renders those pages. The staff screens and the
 * mailbox are open: a real practice system puts its staff screens behind its own staff login, which
 * is outside what this library does. CSRF protection is on for every form.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * The filter chain.
     *
     * @param http the builder
     * @return the chain
     * @throws Exception when Spring Security cannot build it
     */
    @Bean
    SecurityFilterChain demoSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }
}
