"""cjbot's transport-free core: the customer-journey-mapping workshop engine."""
