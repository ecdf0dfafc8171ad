/** Style sheets imported by components mean nothing in Jest. */
export default {}
