package io.contactdesk.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * A change is answered only once it is on disk: every successful POST, PUT, PATCH or DELETE waits
 * for {@link DurableCommit} before its status goes out. The transactions of the control beans have
 * committed by then; requests that finish together share one flush.
 */
@Provider
public class DurableWrites implements DynamicFeature {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  @Inject DurableCommit durableCommit;

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    if (!resource.getResourceClass().isAnnotationPresent(WritesNothing.class)) {
      context.register(new AfterCommit());
    }
  }

  private final class AfterCommit implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (response.getStatus() < 400 && !SAFE.contains(request.getMethod())) {
        durableCommit.await();
      }
    }
  }
}
