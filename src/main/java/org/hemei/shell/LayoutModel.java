package org.hemei.shell;

import jakarta.servlet.http.HttpServletRequest;
import org.hemei.identity.Actor;
import org.hemei.identity.HemeiUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** Puts the signed-in actor and their menu into every page's model for the layout. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

    private final org.hemei.casework.Notifications notifications;
    /** The largest file the server takes (the servlet's multipart limit): file inputs refuse bigger ones at once. */
    private final long uploadMaxBytes;

    LayoutModel(org.hemei.casework.Notifications notifications,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize uploadMax) {
        this.notifications = notifications;
        this.uploadMaxBytes = uploadMax.toBytes();
    }

    @ModelAttribute
    void layout(Model model, HttpServletRequest request) {
        // @RestController is a @Controller too: JSON endpoints render no layout, so spare them the unread-count query.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/open311/")) return;
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof HemeiUser user) {
            Actor actor = user.actor();
            model.addAttribute("actor", actor);
            model.addAttribute("nav", Navigation.forActor(actor));
            model.addAttribute("unread", notifications.unreadCount());
        }
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute("uploadMaxBytes", uploadMaxBytes);
        model.addAttribute("langZh", withLanguage(request, "zh_CN"));
        model.addAttribute("langEn", withLanguage(request, "en"));
    }

    /** This page in another language: the same path and query (filters, page) with lang replaced. */
    private static String withLanguage(HttpServletRequest request, String lang) {
        String query = request.getQueryString();
        return UriComponentsBuilder.fromUriString(request.getRequestURI() + (query == null ? "" : "?" + query))
                .replaceQueryParam("lang", lang).build().toUriString();
    }
}
