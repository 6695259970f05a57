import { ONLINE_STORE, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import {
  ChangeListingPriceBody, ChangeListingPriceRequest, CreateListingCategoryRequest, CreateListingRequest, EditListingBody, EditListingRequest, ListingCategoryView, ListingChangeView,
  ListingView, ListListingsQuery, RejectListingBody, RejectListingRequest, SetQuantityOfferedBody, SetQuantityOfferedRequest,
} from './listings.js';

/** Who drafts and keeps listings: the e-commerce operators (电商运营). */
const AUTHORS: readonly Role[] = ['ecommerce_operator'];
/** Who reviews, lists and unlists, and changes prices: operators, the sales manager, the general manager. */
const KEEPERS: readonly Role[] = ['ecommerce_operator', 'sales_manager', 'general_manager'];
const READERS: readonly Role[] = [...ONLINE_STORE, 'sales_manager', 'sales_vp', 'general_manager'];
const REVIEW_NOTE = 'The reviewer is someone other than the listing\'s author and submitter: another operator, a sales manager or the general manager (`listing-own-review`, 403).';
const TRANSITION_409 = { status: 409, description: 'The listing is not in a state that allows it (`listing-transition-refused`)' } as const;
const PRICE_422 = { status: 422, description: 'Below the floor of the price list in force for the SKU (`below-floor-price`); an unknown category (`unknown-listing-category`)' } as const;

/** The online catalogue in the sales catalogue: categories and listings, their review, listing and history. */
export const SALES_LISTING_OPERATIONS = {
  createListingCategory: {
    kind: 'command', roles: KEEPERS, request: CreateListingCategoryRequest, creates: true,
    http: { method: 'POST', path: 'sales/listing-categories' },
    answers: ListingCategoryView, summary: 'Add a category to the online catalogue\'s tree',
    errors: [{ status: 409, description: 'The code is taken (`listing-category-exists`)' }, { status: 422, description: 'No such parent (`unknown-parent-category`) or the tree would be deeper than 5 (`category-too-deep`)' }],
  },
  listListingCategories: {
    kind: 'query', roles: READERS,
    http: { method: 'GET', path: 'sales/listing-categories' },
    answers: [ListingCategoryView], summary: 'The category tree, each with its path from the top, in tree order',
  },
  createListing: {
    kind: 'command', roles: AUTHORS, request: CreateListingRequest, creates: true,
    http: { method: 'POST', path: 'sales/listings' },
    answers: ListingView, summary: 'Draft the listing of a SKU (one listing per SKU)',
    errors: [
      { status: 409, description: 'The SKU has a listing already (`listing-exists`)' },
      { status: 422, description: 'A SKU no approved price list names (`unknown-sku`); below the floor price (`below-floor-price`); an unknown category (`unknown-listing-category`)' },
    ],
    description: 'A draft; the price may not be below the floor of the price list in force that prices the SKU (any price when none does).',
  },
  editListing: {
    kind: 'command', roles: AUTHORS, request: EditListingRequest,
    http: { method: 'PUT', path: 'sales/listings/:id', body: EditListingBody },
    answers: ListingView, summary: 'Edit a draft listing (the fields given); each change is kept in its history',
    errors: [404, TRANSITION_409, PRICE_422],
  },
  submitListing: {
    kind: 'command', roles: AUTHORS, request: IdRequest,
    http: { method: 'POST', path: 'sales/listings/:id/submit' },
    answers: ListingView, summary: 'Send a draft for review', errors: [404, TRANSITION_409],
  },
  approveListing: {
    kind: 'command', roles: KEEPERS, request: IdRequest, rolesNote: REVIEW_NOTE,
    http: { method: 'POST', path: 'sales/listings/:id/approve' },
    answers: ListingView, summary: 'Approve a listing in review: it is published (`sales.listing.published`)',
    errors: [404, TRANSITION_409, { status: 403, description: 'The author or submitter reviewing their own listing (`listing-own-review`)' }, PRICE_422],
  },
  rejectListing: {
    kind: 'command', roles: KEEPERS, request: RejectListingRequest, rolesNote: REVIEW_NOTE,
    http: { method: 'POST', path: 'sales/listings/:id/reject', body: RejectListingBody },
    answers: ListingView, summary: 'Send a listing in review back to draft, with the reason',
    errors: [404, TRANSITION_409, { status: 403, description: 'The author or submitter reviewing their own listing (`listing-own-review`)' }],
  },
  listListing: {
    kind: 'command', roles: KEEPERS, request: IdRequest,
    http: { method: 'POST', path: 'sales/listings/:id/list' },
    answers: ListingView, summary: 'Put an unlisted listing on sale again (`sales.listing.published`); it was reviewed already',
    errors: [404, TRANSITION_409, PRICE_422],
  },
  unlistListing: {
    kind: 'command', roles: KEEPERS, request: IdRequest,
    http: { method: 'POST', path: 'sales/listings/:id/unlist' },
    answers: ListingView, summary: 'Take a published listing off sale (`sales.listing.unlisted`)', errors: [404, TRANSITION_409],
  },
  changeListingPrice: {
    kind: 'command', roles: KEEPERS, request: ChangeListingPriceRequest,
    http: { method: 'POST', path: 'sales/listings/:id/price', body: ChangeListingPriceBody },
    answers: ListingView, summary: 'Change the price of a published or unlisted listing (`sales.listing.price-changed`); no new review',
    errors: [404, TRANSITION_409, PRICE_422],
    description: 'The change is kept in the listing\'s history (who, when, before, after). A draft\'s price is edited with the draft.',
  },
  setListingQuantity: {
    kind: 'command', roles: KEEPERS, request: SetQuantityOfferedRequest,
    http: { method: 'POST', path: 'sales/listings/:id/quantity', body: SetQuantityOfferedBody },
    answers: ListingView, summary: 'Set the quantity offered; on sale is the lesser of it and the available stock (`sales.listing.changed` when published)',
    errors: [404, TRANSITION_409],
  },
  getListing: {
    kind: 'query', roles: READERS, request: IdRequest,
    http: { method: 'GET', path: 'sales/listings/:id' },
    answers: ListingView, summary: 'Read a listing', errors: [404],
  },
  listListings: {
    kind: 'query', roles: READERS, request: ListListingsQuery,
    http: { method: 'GET', path: 'sales/listings' },
    answers: pageOf(ListingView), summary: 'Listings by status, category (and below), text, sold out; newest first',
  },
  getListingHistory: {
    kind: 'query', roles: READERS, request: IdRequest,
    http: { method: 'GET', path: 'sales/listings/:id/history' },
    answers: [ListingChangeView], summary: 'Every change of a listing, oldest first: who, when, field, before, after', errors: [404],
  },
} satisfies Record<string, OperationSpec>;
