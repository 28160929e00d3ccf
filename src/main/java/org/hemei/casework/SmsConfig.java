package org.hemei.casework;

import org.hemei.identity.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Until an SMS gateway is configured, messages are written to the log (numbers masked). */
@Configuration(proxyBeanMethods = false)
class SmsConfig {

    private static final Logger log = LoggerFactory.getLogger(SmsConfig.class);

    @Bean
    @ConditionalOnMissingBean(SmsSender.class)
    SmsSender loggingSmsSender() {
        return (phone, message) -> log.info("SMS to {}: {}", PersonalData.maskPhone(phone), message);
    }
}
