package org.hemei.casework;

/**
 * Where photo bytes are kept. The default keeps them on local disk ({@code hemei.photos.dir}); another store
 * (object storage, say) is a bean implementing this interface with {@code hemei.photos.store} set to anything
 * but {@code local}. Keys are opaque to callers and made by the store.
 */
public interface PhotoStore {

    /** Stores the bytes and returns the key to find them again. */
    String put(byte[] bytes, String contentType);

    /** The bytes under {@code key}; 404 when there are none. */
    byte[] get(String key);

    /** Removes the bytes under {@code key}; nothing happens when there are none. */
    void delete(String key);
}
