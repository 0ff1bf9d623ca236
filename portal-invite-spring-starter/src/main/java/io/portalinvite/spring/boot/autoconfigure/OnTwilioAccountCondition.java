package io.portalinvite.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code portal.invite.sms.twilio.account-sid} has a value. Unlike a plain property
 * condition it treats an empty value as absent, so {@code account-sid=${TWILIO_ACCOUNT_SID:}}
 * leaves SMS off when the variable is unset instead of failing on the missing auth token.
 */
class OnTwilioAccountCondition extends SpringBootCondition {

    static final String PROPERTY = "portal.invite.sms.twilio.account-sid";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String sid = context.getEnvironment().getProperty(PROPERTY);
        return StringUtils.hasText(sid)
                ? ConditionOutcome.match(PROPERTY + " is set")
                : ConditionOutcome.noMatch(PROPERTY + " is not set or empty");
    }
}
