package org.hemei.casework.internal;

import java.util.Optional;
import org.hemei.casework.WorkOrder;
import org.springframework.data.repository.ListCrudRepository;

public interface WorkOrderRepository extends ListCrudRepository<WorkOrder, Long> {

    Optional<WorkOrder> findByIdempotencyKey(String key);

    Optional<WorkOrder> findByNumber(String number);
}
