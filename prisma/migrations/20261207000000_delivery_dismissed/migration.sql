-- A dead-lettered delivery operations decided not to send again (its address was removed since, or
-- the notice is no longer of use) leaves the list of failed deliveries without being deleted.
ALTER TYPE "DeliveryState" ADD VALUE 'DISMISSED';
