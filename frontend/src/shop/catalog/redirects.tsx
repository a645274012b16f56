import { Navigate, useLocation, useParams } from 'react-router';
import { readShopFilters, shopPath } from './filters';

/** `/shop/search?q=…` is the list with a search: one page, one URL shape. */
export function SearchRedirect() {
  const { search } = useLocation();
  return <Navigate to={shopPath(readShopFilters(new URLSearchParams(search)))} replace />;
}

/** `/shop/c/garden` is the list filtered to a category. */
export function CategoryRedirect() {
  const { slug = '' } = useParams();
  const { search } = useLocation();
  return <Navigate to={shopPath({ ...readShopFilters(new URLSearchParams(search)), category: slug })} replace />;
}
