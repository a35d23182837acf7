-- What must hold before a product is given (seed 004, IB4 MO: "uitsluitend indien ..."): the
-- consultant confirms each when deciding; the catalogue's seed names them.
ALTER TABLE "Product" ADD COLUMN "conditions" TEXT[] DEFAULT ARRAY[]::TEXT[];
