/* placeholder while the tree is being laid out */
int main (void) { return 77; }
