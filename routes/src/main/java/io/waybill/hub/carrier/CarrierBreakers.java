package io.waybill.hub.carrier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.spi.BeanRepository;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The carriers' circuit breakers, where each poll route's circuit breaker EIP looks its own up by name
 * ({@code carrierBreaker-<partner>}). Breakers come and go while the hub runs, on the reconciling timer's thread, so
 * they live in a bean repository of their own: Camel's registry keeps what is bound into it in a plain map, and a bind
 * while another thread looked up beans by type broke that look-up ({@code ConcurrentModificationException} in
 * {@code SimpleRegistry.findByType}, seen at hub start-up).
 */
final class CarrierBreakers implements BeanRepository {

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    void put(String name, CircuitBreaker breaker) {
        breakers.put(name, breaker);
    }

    @Override
    public Object lookupByName(String name) {
        return breakers.get(name);
    }

    @Override
    public <T> T lookupByNameAndType(String name, Class<T> type) {
        Object bean = breakers.get(name);
        return type.isInstance(bean) ? type.cast(bean) : null;
    }

    @Override
    public <T> Map<String, T> findByTypeWithName(Class<T> type) {
        Map<String, T> found = new LinkedHashMap<>();
        breakers.forEach((name, bean) -> {
            if (type.isInstance(bean)) {
                found.put(name, type.cast(bean));
            }
        });
        return found;
    }

    @Override
    public <T> Set<T> findByType(Class<T> type) {
        return new HashSet<>(findByTypeWithName(type).values());
    }
}
