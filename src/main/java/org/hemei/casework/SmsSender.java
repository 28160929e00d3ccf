package org.hemei.casework;

/** Sends a text message. The default implementation only logs; a gateway plugs in as another bean. */
public interface SmsSender {

    void send(String phone, String message);
}
