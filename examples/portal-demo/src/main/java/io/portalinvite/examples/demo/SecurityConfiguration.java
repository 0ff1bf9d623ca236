package io.portalinvite.examples.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Spring Security for the demo. Patients log in at {@code /portal/login} through the starter's
 * {@code PortalInviteAuthenticationProvider}; {@code /portal/home} needs that login. The staff
 * screens and the mailbox are open: a real practice system puts its staff screens behind its own
 * staff login, which is outside what this library does. CSRF protection is on for every form.
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
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/portal/home", "/portal/home/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .formLogin(form -> form.loginPage("/portal/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/portal/home", true)
                        .failureUrl("/portal/login?error"))
                .logout(logout -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?logout"))
                // invitation links carry the token in the URL: never send it on as a Referer
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }
}
